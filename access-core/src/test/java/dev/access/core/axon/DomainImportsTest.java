package dev.access.core.axon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain stays framework-free: no source file under the domain package names Axon or Jackson. */
class DomainImportsTest {
    private static final Pattern FORBIDDEN = Pattern.compile("^\\s*import\\s+(static\\s+)?(org\\.axonframework|com\\.fasterxml)\\.",
            Pattern.MULTILINE);

    @Test
    void domainSources_importNeitherAxonNorJackson() throws IOException {
        Path domain = Paths.get("src/main/java/dev/access/core/domain");
        assertTrue(Files.isDirectory(domain), "run from the access-core module: " + domain.toAbsolutePath());
        List<Path> sources;
        try (Stream<Path> files = Files.walk(domain)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertTrue(sources.size() > 10, "the scan found the domain sources: " + sources.size());
        for (Path p : sources) {
            String text = Files.readString(p);
            assertFalse(FORBIDDEN.matcher(text).find(), p + " imports a framework");
            assertFalse(text.contains("org.axonframework"), p + " names Axon");
        }
    }

    @Test
    void forbiddenPattern_catchesAnAxonImport() {
        assertTrue(FORBIDDEN.matcher("package x;\nimport org.axonframework.modelling.command.AggregateLifecycle;\n").find());
        assertTrue(FORBIDDEN.matcher("import static org.axonframework.modelling.command.AggregateLifecycle.apply;").find());
    }
}
