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
		// Spring AI 2.0.1 AnthropicChatModel.internalStream builds the request, its
		// headers included, before any hook runs (createRequest, then the observation),
		// and anthropic-java 2.52 MessageServiceAsyncImpl.WithRawResponseImpl
		// .createStreaming hands it to the common ForkJoinPool (thenComposeAsync without
		// an executor) before OkHttp sees it: neither the caller's thread nor its Reactor
		// context reaches the interceptor. ChatClient's advisor covers it by putting the
		// run into the options
		return false;
	}

}
