/**
 * The {@code run} scope of {@link dev.runid.spring.RunScoped} beans: the scope itself,
 * the proxies that singletons inject, their AOT registration, and
 * {@link dev.runid.spring.scope.RunActivity}, told when a run becomes active in this
 * process and when it stops being.
 */
@NullMarked
package dev.runid.spring.scope;

import org.jspecify.annotations.NullMarked;
