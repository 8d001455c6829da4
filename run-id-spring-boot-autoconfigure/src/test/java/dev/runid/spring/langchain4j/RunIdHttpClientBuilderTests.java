package dev.runid.spring.langchain4j;

import java.time.Duration;
import java.util.List;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdHttpClientBuilderTests {

	private final RunIdLangChain4jForwarding application = new RunIdLangChain4jForwarding(
			new RunIdForwarding("X-Run-Id", "X-Parent-Run-Id", RunIdHostFilter.of(List.of())));

	private OpenAiStubServer server;

	@BeforeEach
	void start() {
		this.server = OpenAiStubServer.start();
		this.application.afterPropertiesSet();
	}

	@AfterEach
	void stop() {
		this.application.destroy();
		this.server.close();
	}

	@Test
	void clientsItBuildsForwardTheRunAndKeepTheRequest() {
		HttpClient client = RunIdHttpClientBuilder.of(JdkHttpClient.builder()).build();
		RunId run = RunId.generate();
		try (RunContext scope = RunContext.enter(run)) {
			client.execute(HttpRequest.builder()
				.method(HttpMethod.POST)
				.url(this.server.baseUrl(), "chat/completions")
				.addQueryParam("api-version", "1")
				.addHeader("Content-Type", "application/json")
				.body("{\"model\":\"stub\"}")
				.build());
		}
		OpenAiStubServer.Received received = this.server.last();
		assertThat(received.runIds()).containsExactly(run.value());
		assertThat(received.path()).isEqualTo("/v1/chat/completions");
		assertThat(received.query()).isEqualTo("api-version=1");
		assertThat(received.body()).isEqualTo("{\"model\":\"stub\"}");
	}

	@Test
	void decoratingTwiceDecoratesOnce() {
		RunIdHttpClientBuilder builder = RunIdHttpClientBuilder.of(JdkHttpClient.builder());
		assertThat(RunIdHttpClientBuilder.of(builder)).isSameAs(builder);
	}

	@Test
	void timeoutsAreTheDecoratedBuilders() {
		JdkHttpClientBuilder delegate = JdkHttpClient.builder();
		RunIdHttpClientBuilder builder = RunIdHttpClientBuilder.of(delegate)
			.connectTimeout(Duration.ofSeconds(3))
			.readTimeout(Duration.ofSeconds(7));
		assertThat(delegate.connectTimeout()).isEqualTo(builder.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(delegate.readTimeout()).isEqualTo(builder.readTimeout()).isEqualTo(Duration.ofSeconds(7));
	}

}
