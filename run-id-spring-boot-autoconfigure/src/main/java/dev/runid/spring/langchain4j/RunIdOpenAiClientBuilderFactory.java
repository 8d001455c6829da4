package dev.runid.spring.langchain4j;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.model.openai.internal.DefaultOpenAiClient;
import dev.langchain4j.model.openai.internal.OpenAiClient;
import dev.langchain4j.model.openai.internal.spi.OpenAiClientBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every model of LangChain4j's OpenAI module ({@code OpenAiChatModel},
 * {@code OpenAiStreamingChatModel}, {@code OpenAiEmbeddingModel}, ...) forward the
 * current run: registered for {@link java.util.ServiceLoader} under
 * {@link OpenAiClientBuilderFactory}, the hook through which the module creates its API
 * client, it hands out LangChain4j's own client builder whose HTTP client builder
 * (LangChain4j's default, or the one given to the model builder) is decorated by
 * {@link RunIdHttpClientBuilder}. Should a LangChain4j version change the client builder
 * so that it cannot be extended, the factory hands out LangChain4j's builder as it is and
 * logs a warning once: a model must never fail because of run-id. Not meant to be used
 * directly.
 */
@SuppressWarnings("rawtypes")
public final class RunIdOpenAiClientBuilderFactory implements OpenAiClientBuilderFactory {

	private static final Logger logger = LoggerFactory.getLogger(RunIdOpenAiClientBuilderFactory.class);

	private static final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Create the factory; {@link java.util.ServiceLoader} does.
	 */
	public RunIdOpenAiClientBuilderFactory() {
	}

	@Override
	public OpenAiClient.Builder get() {
		try {
			return new RunIdOpenAiClientBuilder();
		}
		catch (LinkageError ex) {
			if (warned.compareAndSet(false, true)) {
				logger.warn("run-id cannot extend the OpenAI client builder of this LangChain4j version;"
						+ " requests of LangChain4j's OpenAI models will not carry the run: {}", ex.toString());
			}
			return DefaultOpenAiClient.builder();
		}
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
