// An upload with progress: fetch cannot report upload progress, XMLHttpRequest can. Failures
// come back as the API's typed errors, so forms show the server's own message.
import { ApiError } from '$lib/api';
import type { WireError } from '@namesti/server/protocol';

export function uploadWithProgress<T>(
  path: string,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null; // not JSON (a proxy's error page): the status text stands in
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const wire = (body as { error?: WireError } | null)?.error;
      reject(new ApiError(xhr.status, wire ?? { code: 'internal', message: xhr.statusText }));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'unavailable', message: 'network error' }));
    xhr.send(file);
  });
}
