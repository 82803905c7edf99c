package dev.rdal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java block of every README in the repository equals a region of a compiled test source. */
class ReadmeSnippetsTest {

  @TempDir
  Path dir;

  @Test
  void everyJavaBlockOfEveryReadmeIsACompiledSnippet() {
    Path root = SnippetCheck.repositoryRoot(Path.of(""));
    assertThat(SnippetCheck.readmes(root)).contains(root.resolve("README.md"));
    List<String> problems = SnippetCheck.check(root);
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void aJavaBlockWithoutAMarkerIsNamedByFileAndLine() throws IOException {
    Files.createDirectories(dir.resolve("mod"));
    Files.writeString(dir.resolve("mod/README.md"), "# m\n\n```java\nint x = 1;\n```\n\n```bash\nls\n```\n");
    assertThat(SnippetCheck.check(dir)).singleElement().asString()
        .startsWith("mod/README.md:3: a java block without a snippet marker");
  }

  @Test
  void aMismatchNamesTheLineAndBothTexts() throws IOException {
    source("  void f() {\n    // tag::one[]\n    int x = 1;\n    int y = 2;\n    // end::one[]\n  }\n");
    Files.writeString(dir.resolve("README.md"),
        "<!-- snippet: src/S.java#one -->\n```java\nint x = 1;\nint y = 3;\n```\n");
    assertThat(SnippetCheck.check(dir)).singleElement().asString()
        .startsWith("README.md:4: differs from src/S.java#one").contains("int y = 3;", "int y = 2;");
  }

  @Test
  void aMatchingBlockPassesAndSplitRegionsJoin() throws IOException {
    source("class S {\n  // tag::one[]\n  a(\n  // end::one[]\n  test only\n  // tag::one[]\n    b);\n  // end::one[]\n}\n");
    Files.writeString(dir.resolve("README.md"), "<!-- snippet: src/S.java#one -->\n\n```java\na(\n  b);\n```\n");
    assertThat(SnippetCheck.check(dir)).isEmpty();
  }

  @Test
  void aMissingSourceOrRegionIsNamed() throws IOException {
    source("// tag::one[]\nx\n// end::one[]\n");
    Files.writeString(dir.resolve("README.md"),
        "<!-- snippet: src/Missing.java#one -->\n```java\nx\n```\n<!-- snippet: src/S.java#two -->\n```java\nx\n```\n");
    assertThat(SnippetCheck.check(dir)).containsExactly(
        "README.md:2: snippet source src/Missing.java does not exist",
        "README.md:6: src/S.java has no region 'two' (// tag::two[] ... // end::two[])");
  }

  @Test
  void aLongerBlockThanTheRegionIsAMismatch() throws IOException {
    source("// tag::one[]\nx\n// end::one[]\n");
    Files.writeString(dir.resolve("README.md"), "<!-- snippet: src/S.java#one -->\n```java\nx\ny\n```\n");
    assertThat(SnippetCheck.check(dir)).singleElement().asString().startsWith("README.md:4: differs").contains("<region ended>");
  }

  private void source(String text) throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/S.java"), text);
  }
}
