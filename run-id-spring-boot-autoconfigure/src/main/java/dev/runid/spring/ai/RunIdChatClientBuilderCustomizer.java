package dev.runid.spring.ai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;

/**
 * {@link ChatClientBuilderCustomizer} that adds the {@link RunIdChatClientAdvisor} to
 * every {@code ChatClient} built from Spring AI's auto-configured
 * {@code ChatClient.Builder}.
 */
public final class RunIdChatClientBuilderCustomizer implements ChatClientBuilderCustomizer {

	private final RunIdChatClientAdvisor advisor;

	/**
	 * Create a customizer.
	 * @param advisor the advisor to add
	 */
	public RunIdChatClientBuilderCustomizer(RunIdChatClientAdvisor advisor) {
		this.advisor = advisor;
	}

	@Override
	public void customize(ChatClient.Builder chatClientBuilder) {
		chatClientBuilder.defaultAdvisors(this.advisor);
	}

}
