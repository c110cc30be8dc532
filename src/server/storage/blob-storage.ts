import type { Config } from "../config";
import { FsStorage } from "./fs-storage";
import { S3Storage } from "./s3-storage";

/** Where attachment bytes live. Keys are made by Rapport (never a sender's filename). */
export interface BlobStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export function createStorage(config: Config): BlobStorage {
  return config.storage.kind === "s3" ? new S3Storage(config.storage) : new FsStorage(config.dataDir);
}
