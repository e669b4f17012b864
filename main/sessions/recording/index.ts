// Local session recordings (asciicast v2): the recorder, the files, the reader.
export * from './asciicast';
export * from './recordingFiles';
export * from './sessionRecorder';
export * from './recordingHistory';
