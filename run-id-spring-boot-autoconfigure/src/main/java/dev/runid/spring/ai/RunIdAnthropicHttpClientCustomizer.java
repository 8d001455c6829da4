package dev.runid.spring.ai;

import dev.runid.spring.client.RunIdOkHttpInterceptor;

import org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer;
import org.springframework.ai.anthropic.http.okhttp.SpringAiAnthropicHttpClient;

/**
 * {@link AnthropicHttpClientBuilderCustomizer} that makes the OkHttp clients (synchronous
 * and asynchronous) of Spring AI's Anthropic chat model forward the current run.
 */
public final class RunIdAnthropicHttpClientCustomizer implements AnthropicHttpClientBuilderCustomizer {

	private final RunIdOkHttpInterceptor interceptor;

	/**
	 * Create a customizer.
	 * @param interceptor the interceptor to add
	 */
	public RunIdAnthropicHttpClientCustomizer(RunIdOkHttpInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void customize(SpringAiAnthropicHttpClient.Builder builder) {
		// called once for each of the two builders of a model: one interceptor each
		builder.interceptor(this.interceptor);
	}

}
