package dev.runid.spring.slice.client;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.test.RecordingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webclient.test.autoconfigure.WebClientTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @WebClientTest} of a user's client, against a real downstream server that
 * records what it gets: run-id's entries in the slice's imports make a {@code WebClient}
 * from Boot's builder forward the run, also when it subscribes on another thread.
 */
@WebClientTest(SearchClient.class)
class WebClientSliceTests {

	private static RecordingServer downstream;

	@Autowired
	private SearchClient client;

	@BeforeAll
	static void startDownstream() {
		downstream = RecordingServer.start();
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@BeforeEach
	void clear() {
		downstream.clear();
	}

	@Test
	void webClientForwardsTheRunOfTheSubscriberFromAnotherThread() {
		RunId child = RunId.fromString("run-2").withParent(RunId.fromString("run-1"));
		try (RunContext scope = RunContext.enter(child)) {
			assertThat(this.client.search(downstream.url("/search")).block()).isEqualTo("run-2");
		}
		assertThat(downstream.last().runIds()).containsExactly("run-2");
		assertThat(downstream.last().parentRunIds()).containsExactly("run-1");
	}

	@Test
	void webClientSendsNoRunOutsideARun() {
		this.client.search(downstream.url("/search")).block();
		assertThat(downstream.last().runIds()).isEmpty();
	}

}
