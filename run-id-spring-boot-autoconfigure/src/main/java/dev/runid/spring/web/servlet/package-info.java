/**
 * run-id for Spring MVC and other servlet applications.
 */
@NullMarked
package dev.runid.spring.web.servlet;

import org.jspecify.annotations.NullMarked;
