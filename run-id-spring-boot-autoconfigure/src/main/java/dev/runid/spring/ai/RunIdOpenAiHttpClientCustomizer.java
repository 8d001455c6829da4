package dev.runid.spring.ai;

import dev.runid.spring.client.RunIdOkHttpInterceptor;

import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;

/**
 * {@link OpenAiHttpClientBuilderCustomizer} that makes the OkHttp client of every Spring
 * AI OpenAI model (chat, embedding, image, audio, moderation) forward the current run.
 */
public final class RunIdOpenAiHttpClientCustomizer implements OpenAiHttpClientBuilderCustomizer {

	private final RunIdOkHttpInterceptor interceptor;

	/**
	 * Create a customizer.
	 * @param interceptor the interceptor to add
	 */
	public RunIdOpenAiHttpClientCustomizer(RunIdOkHttpInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void customize(SpringAiOpenAiHttpClient.Builder builder) {
		builder.interceptor(this.interceptor);
	}

}
