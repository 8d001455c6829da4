package dev.runid;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CoreWithoutOptionalDependenciesTests {

	@Test
	void runContextWorksWithoutSlf4jOrContextPropagation() throws Exception {
		URL classes = Path.of("target/classes").toUri().toURL();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes }, ClassLoader.getPlatformClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> loader.loadClass("org.slf4j.MDC"));
			Class<?> runIdType = loader.loadClass("dev.runid.RunId");
			Class<?> contextType = loader.loadClass("dev.runid.RunContext");
			Object runId = runIdType.getMethod("fromString", String.class).invoke(null, "isolated");
			Method call = contextType.getMethod("call", runIdType, Callable.class);
			Method current = contextType.getMethod("current");
			Object seen = call.invoke(null, runId, (Callable<Object>) () -> current.invoke(null));
			assertThat(seen).isEqualTo(Optional.of(runId));
			assertThat(current.invoke(null)).isEqualTo(Optional.empty());
		}
	}

}
