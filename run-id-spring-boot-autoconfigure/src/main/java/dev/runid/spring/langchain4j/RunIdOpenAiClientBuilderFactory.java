package dev.runid.spring.langchain4j;

import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.model.openai.internal.DefaultOpenAiClient;
import dev.langchain4j.model.openai.internal.spi.OpenAiClientBuilderFactory;

/**
 * Makes every model of LangChain4j's OpenAI module ({@code OpenAiChatModel},
 * {@code OpenAiStreamingChatModel}, {@code OpenAiEmbeddingModel}, ...) forward the
 * current run: registered for {@link java.util.ServiceLoader} under
 * {@link OpenAiClientBuilderFactory}, the hook through which the module creates its API
 * client, it hands out LangChain4j's own client builder whose HTTP client builder
 * (LangChain4j's default, or the one given to the model builder) is decorated by
 * {@link RunIdHttpClientBuilder}. Not meant to be used directly.
 */
@SuppressWarnings("rawtypes")
public final class RunIdOpenAiClientBuilderFactory implements OpenAiClientBuilderFactory {

	/**
	 * Create the factory; {@link java.util.ServiceLoader} does.
	 */
	public RunIdOpenAiClientBuilderFactory() {
	}

	@Override
	public DefaultOpenAiClient.Builder get() {
		return new RunIdOpenAiClientBuilder();
	}

	/**
	 * LangChain4j's OpenAI client builder, with the HTTP client builder decorated when
	 * the client is built, so that one the model builder set is decorated too.
	 */
	private static final class RunIdOpenAiClientBuilder extends DefaultOpenAiClient.Builder {

		@Override
		public DefaultOpenAiClient build() {
			this.httpClientBuilder = RunIdHttpClientBuilder.of((this.httpClientBuilder != null) ? this.httpClientBuilder
					: HttpClientBuilderLoader.loadHttpClientBuilder());
			return super.build();
		}

	}

}
