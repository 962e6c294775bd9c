package org.statehub.edfi.contract;

/** A descriptor-valued member: where it is and which descriptor type its values must belong to. */
public record DescriptorMember(JsonPath path, String descriptor) {}
