// The only host globals the engine may use: structured clone and the UTF-8 codecs, which are
// deterministic and exist in browsers, Workers and Node alike. Everything else comes through a
// process's Env.
declare function structuredClone<T>(value: T): T;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
