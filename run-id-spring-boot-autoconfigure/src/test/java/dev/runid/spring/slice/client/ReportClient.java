package dev.runid.spring.slice.client;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * A client on {@code RestClient}.
 */
@Component
class ReportClient {

	private final RestClient client;

	ReportClient(RestClient.Builder builder) {
		this.client = builder.baseUrl("http://reports.example.com").build();
	}

	String report() {
		return this.client.get().uri("/report").retrieve().body(String.class);
	}

}
