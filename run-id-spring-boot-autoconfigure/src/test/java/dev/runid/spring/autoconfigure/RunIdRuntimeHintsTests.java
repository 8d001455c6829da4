package dev.runid.spring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.runid.RunIdThreadLocalAccessor;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registersTheContextPropagationAccessorThatServiceLoaderFinds() throws IOException {
		new RunIdRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		ClassPathResource service = new ClassPathResource(RunIdRuntimeHints.ACCESSOR_SERVICE);
		assertThat(service.getContentAsString(StandardCharsets.UTF_8))
			.contains(RunIdThreadLocalAccessor.class.getName());
		assertThat(RuntimeHintsPredicates.resource().forResource(RunIdRuntimeHints.ACCESSOR_SERVICE))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(RunIdThreadLocalAccessor.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(this.hints);
	}

	@Test
	void registersNothingWithoutContextPropagation() {
		new RunIdRuntimeHints().registerHints(this.hints, new FilteredClassLoader("io.micrometer.context"));
		assertThat(RuntimeHintsPredicates.resource().forResource(RunIdRuntimeHints.ACCESSOR_SERVICE))
			.rejects(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(RunIdThreadLocalAccessor.class)).rejects(this.hints);
	}

	@Test
	void coreAutoConfigurationImportsTheHints() {
		assertThat(RunIdAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.containsExactly(RunIdRuntimeHints.class);
	}

}
