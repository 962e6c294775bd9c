/**
 * Ed-Fi API profiles as data (docs/decisions/0020, part 2): a definition read from the ODS's profile XML and checked
 * against the catalog (ProfileXml), and the member selections that shape what a client reads and writes of each
 * resource the profile covers (MemberSelection). No beans, so the gateway and the services use the same objects.
 */
package org.statehub.edfi.contract.profile;
