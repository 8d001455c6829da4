package dev.runid.spring.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.runid.spring.test.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code run-id.registry.include-principal=true}, a Spring WebFlux application
 * secured by Spring Security records the authenticated user's name as the run's attribute
 * {@code user}.
 */
@SpringBootTest(classes = RunRegistryWebFluxPrincipalTests.SecuredApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "run-id.registry.include-principal=true" })
@DirtiesContext
class RunRegistryWebFluxPrincipalTests {

	@LocalServerPort
	int port;

	@Autowired
	RunRegistry registry;

	@Test
	void authenticatedUserIsRecordedAsAttributeUser() {
		String credentials = Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8));
		assertThat(Http
			.get(this.port, "/hello", "X-Run-Id", "reg-flux-principal-ada", "Authorization", "Basic " + credentials)
			.statusCode()).isEqualTo(200);
		assertThat(finished("reg-flux-principal-ada").attributes()).containsEntry("user", "ada");
	}

	@Test
	void anonymousRequestRecordsNoUser() {
		assertThat(Http.get(this.port, "/public", "X-Run-Id", "reg-flux-principal-none").statusCode()).isEqualTo(200);
		assertThat(finished("reg-flux-principal-none").attributes()).doesNotContainKey("user");
	}

	private RunRecord finished(String runId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.find(runId).orElse(null),
					(run) -> run != null && run.status() != RunStatus.RUNNING);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	@Import(HelloController.class)
	static class SecuredApplication {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http
				.authorizeExchange(
						(exchanges) -> exchanges.pathMatchers("/public").permitAll().anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("ada").password("{noop}secret").roles("USER").build());
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		Mono<String> hello() {
			return Mono.just("hello");
		}

		@GetMapping("/public")
		Mono<String> open() {
			return Mono.just("public");
		}

	}

}
