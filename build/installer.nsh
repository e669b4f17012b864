; Included by electron-builder's NSIS installer (electron-builder.yml › nsis.include).
; Uninstalling removes the launch-at-login entry Fumidai wrote (app.setLoginItemSettings names the
; HKCU Run value after the AppUserModelId, dev.fumidai.app), so Windows does not try to start a
; program that is gone at every login. Not on an update: electron-updater runs the old uninstaller
; then, and the user's choice must survive it.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "dev.fumidai.app"
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "dev.fumidai.app"
  ${endIf}
!macroend
