package dev.runid.spring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.runid.spring.langchain4j.RunIdOpenAiClientBuilderFactory;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdLangChain4jRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registersTheOpenAiClientBuilderFactoryThatServiceLoaderFinds() throws IOException {
		new RunIdLangChain4jRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		ClassPathResource service = new ClassPathResource(RunIdLangChain4jRuntimeHints.FACTORY_SERVICE);
		assertThat(service.getContentAsString(StandardCharsets.UTF_8))
			.contains(RunIdOpenAiClientBuilderFactory.class.getName());
		assertThat(RuntimeHintsPredicates.resource().forResource(RunIdLangChain4jRuntimeHints.FACTORY_SERVICE))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(RunIdOpenAiClientBuilderFactory.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(this.hints);
	}

	@Test
	void registersNothingWithoutLangChain4jOpenAi() {
		new RunIdLangChain4jRuntimeHints().registerHints(this.hints,
				new FilteredClassLoader("dev.langchain4j.model.openai"));
		assertThat(RuntimeHintsPredicates.resource().forResource(RunIdLangChain4jRuntimeHints.FACTORY_SERVICE))
			.rejects(this.hints);
	}

	@Test
	void langChain4jAutoConfigurationImportsTheHints() {
		assertThat(RunIdLangChain4jAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.containsExactly(RunIdLangChain4jRuntimeHints.class);
	}

}
