import { fileURLToPath, pathToFileURL } from 'node:url';

/** file: URIs ↔ paths; other schemes (untitled:) keep their URI as a pseudo path. */
export const URI = {
  toPath(uri: string): string {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  },
  fromPath(filePath: string): string {
    return pathToFileURL(filePath).toString();
  },
};
