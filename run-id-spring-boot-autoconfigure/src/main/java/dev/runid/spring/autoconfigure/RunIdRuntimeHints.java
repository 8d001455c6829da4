package dev.runid.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints of the run-id core: context-propagation finds
 * {@code RunIdThreadLocalAccessor} through {@code java.util.ServiceLoader}, so its
 * {@code META-INF/services} file and its constructor must be in the image.
 */
final class RunIdRuntimeHints implements RuntimeHintsRegistrar {

	static final String ACCESSOR_SERVICE = "META-INF/services/io.micrometer.context.ThreadLocalAccessor";

	static final String ACCESSOR = "dev.runid.RunIdThreadLocalAccessor";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent("io.micrometer.context.ThreadLocalAccessor", classLoader)) {
			hints.resources().registerPattern(ACCESSOR_SERVICE);
			hints.reflection().registerType(TypeReference.of(ACCESSOR), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
	}

}
