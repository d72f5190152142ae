package dev.soak.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Marks a JUnit 5 test method as a soak test: it is a {@link Test} tagged {@value #TAG}, so a build
 * can run soak tests apart from the fast suite.
 *
 * <pre>{@code
 * @SoakTest
 * void cacheDoesNotLeak() {
 *     SoakResult r = Soak.builder("cache").duration(Duration.ofSeconds(20)) ... .run();
 *     SoakAssertions.assertThat(r).hasNoMemoryLeak();
 * }
 * }</pre>
 * Maven Surefire: {@code mvn test -DexcludedGroups=soak} leaves them out, {@code mvn test
 * -Dgroups=soak} runs only them (or set {@code <excludedGroups>soak</excludedGroups>} in the
 * plugin's configuration and run them in a separate execution or profile). Gradle:
 * {@code useJUnitPlatform { excludeTags("soak") }}.
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path (soak-lib declares
 * it optional, so it never reaches a project that does not use JUnit). Annotations are immutable
 * and thread-safe.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag(SoakTest.TAG)
public @interface SoakTest {
    /** The JUnit tag of soak tests, {@code "soak"}. */
    String TAG = "soak";
}
