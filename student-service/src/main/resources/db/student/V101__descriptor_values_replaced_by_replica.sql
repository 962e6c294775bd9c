-- Descriptor values now come from the replica of enrollment-service's descriptor resources (replica_item).
DROP TABLE descriptor_value;
