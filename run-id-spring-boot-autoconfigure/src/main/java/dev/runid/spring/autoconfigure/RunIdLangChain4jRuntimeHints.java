package dev.runid.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints of the LangChain4j integration: LangChain4j's OpenAI module finds
 * {@code RunIdOpenAiClientBuilderFactory} through {@code java.util.ServiceLoader}, so its
 * {@code META-INF/services} file and its constructor must be in the image.
 */
final class RunIdLangChain4jRuntimeHints implements RuntimeHintsRegistrar {

	static final String FACTORY_SERVICE = "META-INF/services/dev.langchain4j.model.openai.internal.spi.OpenAiClientBuilderFactory";

	static final String FACTORY = "dev.runid.spring.langchain4j.RunIdOpenAiClientBuilderFactory";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent("dev.langchain4j.model.openai.internal.spi.OpenAiClientBuilderFactory", classLoader)) {
			hints.resources().registerPattern(FACTORY_SERVICE);
			hints.reflection().registerType(TypeReference.of(FACTORY), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
	}

}
