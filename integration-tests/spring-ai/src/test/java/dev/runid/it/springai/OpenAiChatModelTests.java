package dev.runid.it.springai;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ChatModelTests} with Spring AI's OpenAi chat model.
 */
class OpenAiChatModelTests extends ChatModelTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		stubProperties(registry, "openai");
		registry.add("spring.ai.openai.chat.model", () -> "stub-gpt");
	}

}
