package dev.runid.spring.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.runid.spring.test.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code run-id.registry.include-principal=true}, a Spring MVC application secured
 * by Spring Security records the authenticated user's name as the run's attribute
 * {@code user}.
 */
@SpringBootTest(classes = RunRegistryServletPrincipalTests.SecuredApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "run-id.registry.include-principal=true")
@DirtiesContext
class RunRegistryServletPrincipalTests {

	@LocalServerPort
	int port;

	@Autowired
	RunRegistry registry;

	@Test
	void authenticatedUserIsRecordedAsAttributeUser() {
		String credentials = Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8));
		assertThat(
				Http.get(this.port, "/hello", "X-Run-Id", "reg-principal-ada", "Authorization", "Basic " + credentials)
					.statusCode())
			.isEqualTo(200);
		RunRecord run = finished("reg-principal-ada");
		assertThat(run.attributes()).containsEntry("user", "ada");
		assertThat(this.registry.query(RunQuery.latest()).runs())
			.filteredOn((summary) -> summary.id().equals("reg-principal-ada"))
			.singleElement()
			.extracting(RunSummary::user)
			.isEqualTo("ada");
	}

	@Test
	void anonymousRequestRecordsNoUser() {
		assertThat(Http.get(this.port, "/public", "X-Run-Id", "reg-principal-none").statusCode()).isEqualTo(200);
		assertThat(finished("reg-principal-none").attributes()).doesNotContainKey("user");
	}

	private RunRecord finished(String runId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.find(runId).orElse(null),
					(run) -> run != null && run.status() != RunStatus.RUNNING);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSecurity
	@Import(HelloController.class)
	static class SecuredApplication {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers("/public").permitAll().anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("ada").password("{noop}secret").roles("USER").build());
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/public")
		String open() {
			return "public";
		}

	}

}
