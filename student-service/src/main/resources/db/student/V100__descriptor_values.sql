-- The descriptor values student-service validates against: the standard Ed-Fi set, loaded at start.
-- (The owner of descriptors is enrollment-service; this table becomes its replica once the link exists.)
CREATE TABLE descriptor_value (
    descriptor  TEXT NOT NULL,  -- descriptor type, e.g. SexDescriptor
    uri         TEXT NOT NULL,  -- namespace#codeValue
    PRIMARY KEY (descriptor, uri)
);
