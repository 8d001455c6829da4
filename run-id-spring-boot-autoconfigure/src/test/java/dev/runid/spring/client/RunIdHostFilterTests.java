package dev.runid.spring.client;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdHostFilterTests {

	@Test
	void hostOfAUrl() {
		assertThat(RunIdHostFilter.hostOf("https://api.example.com:8443/v1/chat?x=1")).isEqualTo("api.example.com");
		assertThat(RunIdHostFilter.hostOf("http://orders/items")).isEqualTo("orders");
	}

	@Test
	void noHostForARelativeOrInvalidUrl() {
		assertThat(RunIdHostFilter.hostOf("/v1/chat")).isNull();
		assertThat(RunIdHostFilter.hostOf("http://bad host/")).isNull();
	}

	@Test
	void allowListMatchesExactHostsAndWildcards() {
		RunIdHostFilter filter = RunIdHostFilter.of(List.of("api.example.com", "*.svc.cluster.local"));
		assertThat(filter.allows("api.example.com")).isTrue();
		assertThat(filter.allows("orders.svc.cluster.local")).isTrue();
		assertThat(filter.allows("example.org")).isFalse();
		assertThat(filter.allows(null)).isFalse();
	}

}
