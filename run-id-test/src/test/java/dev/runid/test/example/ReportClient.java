package dev.runid.test.example;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * A client built from Boot's {@code RestClient.Builder}: it forwards the current run.
 */
@Component
class ReportClient {

	private final RestClient client;

	private final UsageLedger ledger;

	ReportClient(RestClient.Builder builder, UsageLedger ledger) {
		this.client = builder.baseUrl("https://reports.example.com").build();
		this.ledger = ledger;
	}

	String fetchReport() {
		this.ledger.record("fetchReport");
		return this.client.get().uri("/report").retrieve().body(String.class);
	}

}
