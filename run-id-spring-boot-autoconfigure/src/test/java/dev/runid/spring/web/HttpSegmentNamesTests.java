package dev.runid.spring.web;

import org.junit.jupiter.api.Test;

import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

class HttpSegmentNamesTests {

	private final HttpSegmentNames names = new HttpSegmentNames();

	@Test
	void namesTheMethodAndTheRouteAndReusesTheName() {
		String first = this.names.of("GET", "/orders/{id}");
		assertThat(first).isEqualTo("GET /orders/{id}");
		assertThat(this.names.of("GET", new String("/orders/{id}"))).isSameAs(first);
		assertThat(this.names.of("DELETE", "/orders/{id}")).isEqualTo("DELETE /orders/{id}");
	}

	@Test
	void namesAPathPatternByItsTemplate() {
		assertThat(this.names.of("POST", PathPatternParser.defaultInstance.parse("/orders/{id}/items")))
			.isEqualTo("POST /orders/{id}/items");
	}

	@Test
	void namesARequestThatNoRouteMatchedUnmatched() {
		assertThat(this.names.of("GET", null)).isEqualTo("GET unmatched");
	}

	@Test
	void namesAMethodOutsideTheStandardOnesUnknown() {
		assertThat(this.names.of("get", "/orders")).isEqualTo("UNKNOWN /orders");
		assertThat(this.names.of("X-<script>", "/orders")).isEqualTo("UNKNOWN /orders");
		assertThat(this.names.of("GET", "/orders")).isEqualTo("GET /orders");
	}

	@Test
	void keepsNamesOfABoundedNumberOfRoutesAndStillNamesTheOthers() {
		for (int i = 0; i < HttpSegmentNames.MAX_ROUTES + 10; i++) {
			assertThat(this.names.of("PUT", "/route/" + i)).isEqualTo("PUT /route/" + i);
		}
		String kept = this.names.of("PUT", "/route/0");
		assertThat(this.names.of("PUT", "/route/0")).isSameAs(kept);
		String beyond = this.names.of("PUT", "/route/" + (HttpSegmentNames.MAX_ROUTES + 5));
		assertThat(beyond).isEqualTo("PUT /route/" + (HttpSegmentNames.MAX_ROUTES + 5))
			.isNotSameAs(this.names.of("PUT", "/route/" + (HttpSegmentNames.MAX_ROUTES + 5)));
	}

}
