package dev.runid.spring.client;

import java.net.URI;
import java.util.List;

import dev.runid.RunId;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdForwarding}, in particular the run as W3C baggage.
 */
class RunIdForwardingTests {

	private static final URI INTERNAL = URI.create("http://api.internal.example.com/tools");

	private final RunIdForwarding withBaggage = new RunIdForwarding("X-Run-Id", "X-Parent-Run-Id",
			RunIdHostFilter.of(List.of("*.internal.example.com")), true);

	@Test
	void sendsNoBaggageByDefault() {
		RunIdForwarding forwarding = new RunIdForwarding("X-Run-Id", "X-Parent-Run-Id", RunIdHostFilter.of(List.of()));
		HttpHeaders headers = new HttpHeaders();
		forwarding.apply(RunId.fromString("run-1"), INTERNAL, headers);
		assertThat(forwarding.baggage()).isFalse();
		assertThat(headers.get("X-Run-Id")).containsExactly("run-1");
		assertThat(headers.containsHeader("baggage")).isFalse();
	}

	@Test
	void sendsTheRunAsBaggageEntry() {
		RunId child = RunId.generate(RunId.fromString("parent-1"));
		HttpHeaders headers = new HttpHeaders();
		this.withBaggage.apply(child, INTERNAL, headers);
		assertThat(headers.get("X-Parent-Run-Id")).containsExactly("parent-1");
		assertThat(headers.get("baggage")).containsExactly("run.id=" + child.value());
	}

	@Test
	void keepsOtherEntriesAndTheirPropertiesAndReplacesAStaleRunEntry() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("baggage", "tenant=acme;propagation=unlimited, run.id=upstream-run");
		headers.add("baggage", "region = eu");
		this.withBaggage.apply(RunId.fromString("run-2"), INTERNAL, headers);
		assertThat(headers.get("baggage"))
			.containsExactly("tenant=acme;propagation=unlimited,region = eu,run.id=run-2");
	}

	@Test
	void baggageNamesTheRunThatTheRequestCarries() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Run-Id", "set-by-caller");
		this.withBaggage.apply(RunId.fromString("current-run"), INTERNAL, headers);
		assertThat(headers.get("baggage")).containsExactly("run.id=set-by-caller");
		headers.set("X-Run-Id", "not a run id");
		this.withBaggage.apply(RunId.fromString("current-run"), INTERNAL, headers);
		assertThat(headers.get("baggage")).containsExactly("run.id=current-run");
	}

	@Test
	void sendsNoBaggageToHostsOutsideTheAllowList() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("baggage", "tenant=acme");
		this.withBaggage.apply(RunId.fromString("run-3"), URI.create("https://api.example.org/"), headers);
		assertThat(headers.get("baggage")).containsExactly("tenant=acme");
		assertThat(headers.containsHeader("X-Run-Id")).isFalse();
	}

}
