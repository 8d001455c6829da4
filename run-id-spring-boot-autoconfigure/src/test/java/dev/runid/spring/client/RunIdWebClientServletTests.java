package dev.runid.spring.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.runid.spring.web.reactive.HeaderRecordingServer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code WebClient} used from Spring MVC code on embedded Tomcat forwards the request's
 * run.
 */
@SpringBootTest(classes = RunIdWebClientServletTests.ServletApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.main.web-application-type=servlet")
@DirtiesContext
class RunIdWebClientServletTests {

	@LocalServerPort
	int port;

	@Autowired
	HeaderRecordingServer downstream;

	@Test
	void webClientInMvcHandlerForwardsTheRequestsRun() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/call"))
				.header("X-Run-Id", "mvc-run")
				.header("X-Parent-Run-Id", "mvc-parent")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("mvc-run");
		assertThat(this.downstream.last().parentRunIds()).containsExactly("mvc-parent");
	}

	@Test
	void servletApplicationLeavesReactorAlone() {
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(CallingController.class)
	static class ServletApplication {

		@Bean(destroyMethod = "close")
		HeaderRecordingServer downstream() {
			return new HeaderRecordingServer();
		}

	}

	@RestController
	static class CallingController {

		private final WebClient webClient;

		CallingController(WebClient.Builder webClient, HeaderRecordingServer downstream) {
			this.webClient = webClient.baseUrl(downstream.url("")).build();
		}

		@GetMapping("/call")
		String call() {
			return this.webClient.get().uri("/downstream").retrieve().bodyToMono(String.class).block();
		}

	}

}
