package dev.runid.it.springai;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ChatModelTests} with Spring AI's Ollama chat model.
 */
class OllamaChatModelTests extends ChatModelTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		stubProperties(registry, "ollama");
		registry.add("spring.ai.ollama.base-url", stub::url);
		registry.add("spring.ai.ollama.chat.model", () -> "stub-llama");
	}

}
