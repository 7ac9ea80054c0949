/**
 * Where the files of a Studio course export come from: an unpacked folder or a `.tar.gz`.
 * Both are seen through {@linkcode OlxSource}, rooted at the folder that holds `course.xml`, so
 * the OLX reader never cares which one it has.
 */
import { join } from "node:path";
import { DataError } from "../errors.ts";
import { readTarGz } from "./_tar.ts";

/** Read access to the files of one export, by path relative to the folder of `course.xml`. */
export interface OlxSource {
  /** The path the user gave, for error messages. */
  label: string;
  /** How a file is named in messages (`course/chapter/a.xml` when the root is `course/`). */
  describe(path: string): string;
  /** The file's text (UTF-8), or null when it does not exist. */
  read(path: string): Promise<string | null>;
}

/** Bounds applied to archives. */
export interface SourceLimits {
  maxBytes: number;
  maxEntries: number;
}

/** Opens `path`: a folder is read in place, a file must be a gzip-compressed tar archive. */
export async function openSource(
  path: string,
  limits: SourceLimits,
): Promise<OlxSource> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new DataError(`Cannot import "${path}": no such file or folder`);
    }
    throw error;
  }
  if (info.isDirectory) return await folderSource(path);
  const file = await Deno.open(path, { read: true });
  return await archiveSource(file.readable, path, limits);
}

/**
 * Reads a whole `.tar.gz` from a stream (a file or standard input) and keeps its XML and JSON
 * files; the root is where `course.xml` is (`course.xml`, `course/course.xml`, or one other
 * top-level folder).
 */
export async function archiveSource(
  stream: ReadableStream<Uint8Array<ArrayBuffer>>,
  label: string,
  limits: SourceLimits,
): Promise<OlxSource> {
  const files = await readTarGz(stream, {
    label,
    ...limits,
    keep: (path) => path.endsWith(".xml") || path.endsWith(".json"),
  });
  const prefix = archiveRoot(files, label);
  return {
    label,
    describe: (path) => prefix + path,
    read: (path) => {
      const bytes = files.get(prefix + path);
      const name = prefix + path;
      return Promise.resolve(bytes ? decodeUtf8(bytes, label, name) : null);
    },
  };
}

function archiveRoot(files: Map<string, Uint8Array>, label: string): string {
  if (files.has("course.xml")) return "";
  if (files.has("course/course.xml")) return "course/";
  const others = [...files.keys()].filter((p) =>
    /^[^/]+\/course\.xml$/.test(p)
  );
  if (others.length === 1) return others[0]!.slice(0, -"course.xml".length);
  throw new DataError(
    others.length === 0
      ? `Cannot import "${label}": no course.xml in the archive (expected course.xml or course/course.xml)`
      : `Cannot import "${label}": the archive holds several courses (${
        others.join(", ")
      })`,
  );
}

async function folderSource(path: string): Promise<OlxSource> {
  let root = path, prefix = "";
  if (!await isFile(join(path, "course.xml"))) {
    if (!await isFile(join(path, "course", "course.xml"))) {
      throw new DataError(
        `Cannot import "${path}": no course.xml in the folder (expected course.xml or course/course.xml)`,
      );
    }
    root = join(path, "course");
    prefix = "course/";
  }
  return {
    label: path,
    describe: (file) => prefix + file,
    read: async (file) => {
      let bytes: Uint8Array;
      try {
        bytes = await Deno.readFile(join(root, file));
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return null;
        if (error instanceof Deno.errors.IsADirectory) return null;
        throw error;
      }
      return decodeUtf8(bytes, path, prefix + file);
    },
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

function decodeUtf8(bytes: Uint8Array, label: string, name: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      bytes,
    );
  } catch {
    throw new DataError(
      `Cannot import "${label}": "${name}" is not valid UTF-8`,
    );
  }
}
