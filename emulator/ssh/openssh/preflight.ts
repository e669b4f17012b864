// Whether this machine can run the OpenSSH back-end, and if not, exactly why.
export async function openSshUnavailableReason(): Promise<string | undefined> {
  return 'the openssh back-end is being built';
}
