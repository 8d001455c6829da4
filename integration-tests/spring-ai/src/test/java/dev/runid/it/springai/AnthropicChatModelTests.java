package dev.runid.it.springai;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ChatModelTests} with Spring AI's Anthropic chat model.
 */
class AnthropicChatModelTests extends ChatModelTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		stubProperties(registry, "anthropic");
		registry.add("spring.ai.anthropic.api-key", () -> "test-key");
		registry.add("spring.ai.anthropic.base-url", stub::url);
		registry.add("spring.ai.anthropic.chat.model", () -> "stub-claude");
	}

	@Override
	boolean directStreamCarriesTheRun() {
		// the Anthropic SDK sends a streaming request from the common ForkJoinPool
		// (thenComposeAsync without an executor), where no run is current and no hook
		// reaches: only ChatClient's advisor, which puts the run into the options, covers
		// it
		return false;
	}

}
