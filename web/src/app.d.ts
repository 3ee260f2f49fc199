// See https://svelte.dev/docs/kit/types#app.d.ts
import type { ErrorCode } from '@namesti/server/protocol';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** The API's error code, when the error came from the API. */
      code?: ErrorCode;
    }
    // interface Locals {}
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
