package dev.rdal.cli;

/**
 * How {@code cp} and {@code mv} copy.
 *
 * @param recursive copy a directory and everything below it
 * @param transfers files copied at once
 * @param dryRun print what would be copied, copy nothing
 * @param checksum verify each copy by comparing CRC32C checksums of source and destination
 * @param streaming move the bytes through this process even within one store (no server-side copy)
 */
record CopyOptions(boolean recursive, int transfers, boolean dryRun, boolean checksum, boolean streaming) {}
