package dev.rdal.s3;

/**
 * The size of each part of a multipart write, growing with the stream so that any object up to S3's 5 TiB
 * fits in its 10,000 parts although its length is not known in advance.
 *
 * <p>Parts 1 to 1,000 have the configured part size; the size doubles every 1,000 parts after that, capped
 * at S3's 5 GiB: 10,000 parts hold {@code 1,023,000 × partSize} bytes. At the default 8 MiB that is 8,000
 * MiB in the first 1,000 parts, 24,000 MiB in 2,000 and 7.8 TiB in 10,000, more than S3's 5 TiB object
 * limit; the smallest part size S3 allows (5 MiB) reaches 4.88 TiB. {@link #ceiling(long)} is the exact
 * limit for a part size.
 *
 * <p>Memory follows the part size: a write holds at most {@code (upload_concurrency + 1)} parts of the
 * current size (see {@link S3Writer}), so beyond 1,000 parts the bound doubles with every 1,000 parts.
 */
final class S3PartSizes {

  /** S3's largest part number. */
  static final int MAX_PARTS = 10_000;
  /** Parts of one size before the size doubles. */
  static final int PARTS_PER_SIZE = 1_000;
  /** S3's largest object. */
  static final long MAX_OBJECT_SIZE = 5L << 40;

  private S3PartSizes() {}

  /** The size of part {@code number} (from 1) for a configured part size. */
  static long size(long partSize, int number) {
    int doublings = (number - 1) / PARTS_PER_SIZE;
    long size = partSize;
    for (int i = 0; i < doublings && size < S3Settings.MAX_PART_SIZE; i++) {
      size <<= 1;
    }
    return Math.min(size, S3Settings.MAX_PART_SIZE);
  }

  /** The largest object a write of this part size can store: 10,000 growing parts, at most 5 TiB. */
  static long ceiling(long partSize) {
    long total = 0;
    for (int n = 1; n <= MAX_PARTS && total < MAX_OBJECT_SIZE; n += PARTS_PER_SIZE) {
      total += size(partSize, n) * PARTS_PER_SIZE;
    }
    return Math.min(total, MAX_OBJECT_SIZE);
  }
}
