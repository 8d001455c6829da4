package dev.runid.aot.mvc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.runid.spring.RunScoped;

import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.stereotype.Component;

/**
 * The notes of one run, in memory, behind an interface-based run-scoped proxy.
 */
@Component
@RunScoped(proxyMode = ScopedProxyMode.INTERFACES)
final class MemoryRunNotes implements RunNotes {

	private final List<String> notes = new CopyOnWriteArrayList<>();

	@Override
	public void add(String note) {
		this.notes.add(note);
	}

	@Override
	public List<String> all() {
		return List.copyOf(this.notes);
	}

}
