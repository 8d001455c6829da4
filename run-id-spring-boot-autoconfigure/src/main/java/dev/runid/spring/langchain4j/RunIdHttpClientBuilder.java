package dev.runid.spring.langchain4j;

import java.time.Duration;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j {@link HttpClientBuilder} whose clients forward the current run: pass it to
 * a model builder's {@code httpClientBuilder(...)} to make a model forward the run whose
 * module run-id does not reach by itself. <pre>{@code
 * OllamaChatModel.builder()
 *     .httpClientBuilder(RunIdHttpClientBuilder.of(JdkHttpClient.builder()))
 *     ...
 * }</pre> The clients use the forwarding settings of the running run-id application
 * ({@code run-id.outbound.*}) and forward nothing while none runs. Not thread-safe, like
 * the builder it decorates; the clients it builds are.
 */
public final class RunIdHttpClientBuilder implements HttpClientBuilder {

	private final HttpClientBuilder delegate;

	private RunIdHttpClientBuilder(HttpClientBuilder delegate) {
		this.delegate = delegate;
	}

	/**
	 * Decorate a builder so that its clients forward the current run.
	 * @param delegate the builder of the client that sends the requests
	 * @return the decorated builder; {@code delegate} itself when it is decorated already
	 */
	public static RunIdHttpClientBuilder of(HttpClientBuilder delegate) {
		return (delegate instanceof RunIdHttpClientBuilder decorated) ? decorated
				: new RunIdHttpClientBuilder(delegate);
	}

	@Override
	public @Nullable Duration connectTimeout() {
		return this.delegate.connectTimeout();
	}

	@Override
	public RunIdHttpClientBuilder connectTimeout(Duration timeout) {
		this.delegate.connectTimeout(timeout);
		return this;
	}

	@Override
	public @Nullable Duration readTimeout() {
		return this.delegate.readTimeout();
	}

	@Override
	public RunIdHttpClientBuilder readTimeout(Duration timeout) {
		this.delegate.readTimeout(timeout);
		return this;
	}

	@Override
	public HttpClient build() {
		return new RunIdHttpClient(this.delegate.build());
	}

	@Override
	public String toString() {
		return "RunIdHttpClientBuilder[" + this.delegate + "]";
	}

}
