package dev.runid.spring.dashboard;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.runid.spring.test.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In an application that secures every request, the dashboard's path is secured too: the
 * application's rules apply to it like to its own handlers. Subclasses start the
 * application on one web stack.
 */
abstract class RunIdDashboardSecurityTests {

	private static final List<String> PATHS = List.of("/run-id", "/run-id/", "/run-id/dashboard.js",
			"/run-id/runs/" + DashboardRuns.AGENT, "/run-id/api/runs", "/run-id/api/runs/" + DashboardRuns.AGENT);

	@LocalServerPort
	int port;

	@Autowired
	TestRunStore store;

	@BeforeEach
	void saveRuns() {
		this.store.clear();
		DashboardRuns.saveTo(this.store);
	}

	@Test
	void refusesAnUnauthenticatedRequestToEveryDashboardPath() {
		for (String path : PATHS) {
			HttpResponse<String> response = Http.get(this.port, path);
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			// no page, no script, no run data (an error body may name the requested path)
			assertThat(response.body()).as(path)
				.doesNotContain("<base href")
				.doesNotContain("'use strict'")
				.doesNotContain("\"segments\"")
				.doesNotContain("\"runs\"")
				.doesNotContain("alice");
		}
	}

	@Test
	void servesTheDashboardToAnAuthenticatedUser() {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString(
					(DashboardSecurity.USER + ":" + DashboardSecurity.PASSWORD).getBytes(StandardCharsets.UTF_8));
		for (String path : PATHS) {
			assertThat(Http.get(this.port, path, "Authorization", basic).statusCode()).as(path).isEqualTo(200);
		}
		assertThat(Http.get(this.port, "/run-id/api/runs/" + DashboardRuns.AGENT, "Authorization", basic).body())
			.contains("\"user\":\"alice\"");
	}

}
