package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * The mapping of file system errors to kinds. Disk full is tested with a real {@code ENOSPC} from
 * {@code /dev/full} fed to the mapping (a full file system of its own would need a root-only mount);
 * "no permission" through the operator only when the tests do not run as root, who bypasses
 * permissions.
 */
class FsErrorsTest {

  @TempDir
  Path dir;

  private static RdalException map(Throwable t) {
    return FsErrors.map(t);
  }

  @Test
  void diskFullIsUnexpectedWithTheCause() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "/dev/full is missing");
    IOException enospc;
    try (FileChannel ch = FileChannel.open(full, StandardOpenOption.WRITE)) {
      enospc = (IOException) catchThrowable(() -> ch.write(ByteBuffer.allocate(4096)));
    }
    assertThat(enospc).isNotNull();
    RdalException e = map(enospc);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(e.getCause()).isSameAs(enospc);
    assertThat(e.getMessage()).contains("disk full");
  }

  @Test
  void jdkExceptionsMapToTheirKinds() {
    assertThat(map(new NoSuchFileException("x")).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(map(new FileAlreadyExistsException("x")).kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(map(new AccessDeniedException("x")).kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
    assertThat(map(new FileSystemException("x", null, "Read-only file system")).kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
    assertThat(map(new DirectoryNotEmptyException("x")).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(map(new java.nio.file.NotDirectoryException("x")).kind()).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
    RdalException other = map(new IOException("Input/output error"));
    assertThat(other.kind()).isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(other.getCause()).hasMessage("Input/output error");
    RdalException typed = RdalException.of(ErrorKind.NOT_FOUND, "x");
    assertThat(map(typed)).isSameAs(typed);
  }

  @Test
  void realFileSystemErrorsMapToTheirKinds() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Throwable isDir;
    try (FileChannel ch = FileChannel.open(sub, StandardOpenOption.READ)) {
      isDir = catchThrowable(() -> ch.read(ByteBuffer.allocate(1)));
    }
    assertThat(map(isDir).kind()).isEqualTo(ErrorKind.IS_A_DIRECTORY);
    Throwable notDir = catchThrowable(() -> Files.readAttributes(file.resolve("child"), "size"));
    assertThat(map(notDir).kind()).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
    Throwable missing = catchThrowable(() -> Files.readAttributes(dir.resolve("missing"), "size"));
    assertThat(map(missing).kind()).isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void noPermissionIsPermissionDeniedThroughTheOperator() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root bypasses file permissions");
    Path locked = Files.writeString(dir.resolve("locked"), "x");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try (Operator op = Operator.builder(new FsBackend(FsOptions.of(dir))).build()) {
      StepVerifier.create(op.read("locked"))
          .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.PERMISSION_DENIED)).verify(TIMEOUT);
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void aNameTooLongForTheFileSystemIsInvalidInput() {
    try (Operator op = Operator.builder(new FsBackend(FsOptions.of(dir))).build()) {
      StepVerifier.create(op.write("n".repeat(100) + "\u00e9".repeat(100), new byte[1]))
          .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.INVALID_INPUT) && e.getMessage().contains("255 bytes"))
          .verify(TIMEOUT);
    }
  }
}
