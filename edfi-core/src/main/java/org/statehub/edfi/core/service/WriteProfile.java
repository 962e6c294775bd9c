package org.statehub.edfi.core.service;

import org.statehub.edfi.contract.profile.MemberSelection;

/**
 * The Ed-Fi API profile a write is made under (docs/decisions/0020, part 2): its name, for the problems that name
 * it, and its writable content for the resource. What the content does not let the client write is removed from
 * the body before it is validated; on an update it keeps its stored value ({@link MemberSelection#restore}); a new
 * item cannot be created when the content leaves out a required member ({@link MemberSelection#excludedRequired}).
 */
public record WriteProfile(String name, MemberSelection writable) {}
