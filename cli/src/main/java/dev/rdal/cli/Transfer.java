package dev.rdal.cli;

import dev.rdal.ObjectMeta;

/**
 * One file to copy.
 *
 * @param source where it is read
 * @param meta its metadata (size, etag, content type)
 * @param target where it is written
 */
record Transfer(Location source, ObjectMeta meta, Location target) {}
