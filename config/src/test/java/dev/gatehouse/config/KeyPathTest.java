package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyPathTest {
    @Test
    void bracketsNamesThatAreNotPlain() {
        assertThat(KeyPath.of("http", "services", "api.v1", "loadBalancer")).isEqualTo(
                "http.services[\"api.v1\"].loadBalancer");
        assertThat(KeyPath.of("a", "say \"hi\"\\")).isEqualTo("a[\"say \\\"hi\\\"\\\\\"]");
        assertThat(KeyPath.of("a", "")).isEqualTo("a[\"\"]");
        assertThat(KeyPath.of("my-router@file")).isEqualTo("my-router@file");
    }

    @Test
    void parentUndoesChildAndIndex() {
        String name = "odd].[\"name";
        String path = KeyPath.index(KeyPath.child(KeyPath.of("http", "services", name), "servers"), 3);
        assertThat(KeyPath.parent(path)).isEqualTo(KeyPath.child(KeyPath.of("http", "services", name), "servers"));
        assertThat(KeyPath.parent(KeyPath.parent(KeyPath.parent(path)))).isEqualTo("http.services");
        assertThat(KeyPath.parent("http")).isEmpty();
        assertThat(KeyPath.parent("")).isEmpty();
    }

    @Test
    void splitUnescapesNamesAndKeepsIndexes() {
        String path = KeyPath.index(KeyPath.child(KeyPath.of("http", "services", "a.\"b\""), "servers"), 0);
        assertThat(KeyPath.split(path)).containsExactly("http", "services", "a.\"b\"", "servers", "[0]");
        assertThat(KeyPath.split("")).isEmpty();
    }

    @Test
    void withinMatchesWholeSegmentsOnly() {
        assertThat(KeyPath.isWithin("http.routers.api", "http.routers.api.rule")).isTrue();
        assertThat(KeyPath.isWithin("http.routers.api", "http.routers.api[0]")).isTrue();
        assertThat(KeyPath.isWithin("http.routers.api", "http.routers.api2.rule")).isFalse();
    }
}
