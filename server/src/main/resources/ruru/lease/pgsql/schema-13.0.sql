-- ruru's lease schema for PostgreSQL, shaped as Kea 2.2's (schema version 13.0): the lease tables,
-- their lookup tables and indexes, the statistics tables with the triggers that keep them, and the
-- dump functions kea-admin lease-dump calls. Host reservations and the configuration backend are
-- not created: a site that needs them creates its database with kea-admin.
-- Written for ruru from Kea's documented schema (FACTS 14); run by `ruru admin db-init pgsql`.

CREATE TABLE schema_version (
    version INT PRIMARY KEY NOT NULL,
    minor INT
);

CREATE TABLE lease_state (
    state INT8 PRIMARY KEY NOT NULL,
    name VARCHAR(64) NOT NULL
);
INSERT INTO lease_state VALUES (0, 'default'), (1, 'declined'), (2, 'expired-reclaimed');

CREATE TABLE lease6_types (
    lease_type SMALLINT PRIMARY KEY NOT NULL,
    name VARCHAR(5)
);
INSERT INTO lease6_types VALUES (0, 'IA_NA'), (1, 'IA_TA'), (2, 'IA_PD');

-- Labels as Kea's script has them (2 and 4 are swapped relative to Kea's code; the column holds the code).
CREATE TABLE lease_hwaddr_source (
    hwaddr_source INT PRIMARY KEY NOT NULL,
    name VARCHAR(40) DEFAULT NULL
);
INSERT INTO lease_hwaddr_source VALUES (0, 'HWADDR_SOURCE_UNKNOWN'), (1, 'HWADDR_SOURCE_RAW'),
    (2, 'HWADDR_SOURCE_IPV6_LINK_LOCAL'), (4, 'HWADDR_SOURCE_DUID'), (8, 'HWADDR_SOURCE_CLIENT_ADDR_RELAY_OPTION'),
    (16, 'HWADDR_SOURCE_REMOTE_ID'), (32, 'HWADDR_SOURCE_SUBSCRIBER_ID'), (64, 'HWADDR_SOURCE_DOCSIS_CMTS'),
    (128, 'HWADDR_SOURCE_DOCSIS_MODEM');

CREATE TABLE lease4 (
    address BIGINT PRIMARY KEY NOT NULL,
    hwaddr BYTEA,
    client_id BYTEA,
    valid_lifetime BIGINT,
    expire TIMESTAMP WITH TIME ZONE,
    subnet_id BIGINT,
    fqdn_fwd BOOLEAN,
    fqdn_rev BOOLEAN,
    hostname VARCHAR(255),
    state INT8 DEFAULT 0,
    user_context TEXT,
    CONSTRAINT fk_lease4_state FOREIGN KEY (state) REFERENCES lease_state (state)
);
CREATE INDEX lease4_by_client_id_subnet_id ON lease4 (client_id, subnet_id);
CREATE INDEX lease4_by_hostname ON lease4 (lower(hostname)) WHERE hostname IS NOT NULL;
CREATE INDEX lease4_by_hwaddr_subnet_id ON lease4 (hwaddr, subnet_id);
CREATE INDEX lease4_by_state_expire ON lease4 (state, expire);
CREATE INDEX lease4_by_subnet_id ON lease4 (subnet_id);

CREATE TABLE lease6 (
    address VARCHAR(39) PRIMARY KEY NOT NULL,
    duid BYTEA,
    valid_lifetime BIGINT,
    expire TIMESTAMP WITH TIME ZONE,
    subnet_id BIGINT,
    pref_lifetime BIGINT,
    lease_type SMALLINT,
    iaid INT,
    prefix_len SMALLINT,
    fqdn_fwd BOOLEAN,
    fqdn_rev BOOLEAN,
    hostname VARCHAR(255),
    state INT8 DEFAULT 0,
    hwaddr BYTEA,
    hwtype SMALLINT,
    hwaddr_source SMALLINT,
    user_context TEXT,
    CONSTRAINT fk_lease6_state FOREIGN KEY (state) REFERENCES lease_state (state),
    CONSTRAINT fk_lease6_type FOREIGN KEY (lease_type) REFERENCES lease6_types (lease_type)
);
CREATE INDEX lease6_by_duid_iaid_subnet_id ON lease6 (duid, iaid, subnet_id);
CREATE INDEX lease6_by_hostname ON lease6 (lower(hostname)) WHERE hostname IS NOT NULL;
CREATE INDEX lease6_by_state_expire ON lease6 (state, expire);
CREATE INDEX lease6_by_subnet_id_lease_type ON lease6 (subnet_id, lease_type);

-- Leases per subnet (and lease type) in the states the servers count: default (0) and declined (1).
CREATE TABLE lease4_stat (
    subnet_id BIGINT NOT NULL,
    state INT8 NOT NULL,
    leases BIGINT,
    PRIMARY KEY (subnet_id, state)
);
CREATE TABLE lease6_stat (
    subnet_id BIGINT NOT NULL,
    lease_type SMALLINT NOT NULL,
    state INT8 NOT NULL,
    leases BIGINT,
    PRIMARY KEY (subnet_id, lease_type, state)
);

CREATE FUNCTION ruru_lease4_stat_add(p_subnet BIGINT, p_state INT8, p_delta INT) RETURNS VOID AS $$
BEGIN
    IF p_state NOT IN (0, 1) THEN
        RETURN;
    END IF;
    IF p_delta > 0 THEN
        INSERT INTO lease4_stat (subnet_id, state, leases) VALUES (p_subnet, p_state, 1)
            ON CONFLICT (subnet_id, state) DO UPDATE SET leases = lease4_stat.leases + 1;
    ELSE
        UPDATE lease4_stat SET leases = GREATEST(leases - 1, 0) WHERE subnet_id = p_subnet AND state = p_state;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ruru_lease6_stat_add(p_subnet BIGINT, p_type SMALLINT, p_state INT8, p_delta INT) RETURNS VOID AS $$
BEGIN
    IF p_state NOT IN (0, 1) THEN
        RETURN;
    END IF;
    IF p_delta > 0 THEN
        INSERT INTO lease6_stat (subnet_id, lease_type, state, leases) VALUES (p_subnet, p_type, p_state, 1)
            ON CONFLICT (subnet_id, lease_type, state) DO UPDATE SET leases = lease6_stat.leases + 1;
    ELSE
        UPDATE lease6_stat SET leases = GREATEST(leases - 1, 0)
            WHERE subnet_id = p_subnet AND lease_type = p_type AND state = p_state;
    END IF;
END;
$$ LANGUAGE plpgsql;

-- Row triggers named as Kea's, so Kea's own tools find what they expect.
CREATE FUNCTION func_lease4_ains() RETURNS trigger AS $$
BEGIN
    PERFORM ruru_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION func_lease4_aupd() RETURNS trigger AS $$
BEGIN
    IF OLD.subnet_id != NEW.subnet_id OR OLD.state != NEW.state THEN
        PERFORM ruru_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
        PERFORM ruru_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION func_lease4_adel() RETURNS trigger AS $$
BEGIN
    PERFORM ruru_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER lease4_ains AFTER INSERT ON lease4 FOR EACH ROW EXECUTE PROCEDURE func_lease4_ains();
CREATE TRIGGER lease4_aupd AFTER UPDATE ON lease4 FOR EACH ROW EXECUTE PROCEDURE func_lease4_aupd();
CREATE TRIGGER lease4_adel AFTER DELETE ON lease4 FOR EACH ROW EXECUTE PROCEDURE func_lease4_adel();

CREATE FUNCTION func_lease6_ains() RETURNS trigger AS $$
BEGIN
    PERFORM ruru_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION func_lease6_aupd() RETURNS trigger AS $$
BEGIN
    IF OLD.subnet_id != NEW.subnet_id OR OLD.lease_type != NEW.lease_type OR OLD.state != NEW.state THEN
        PERFORM ruru_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
        PERFORM ruru_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION func_lease6_adel() RETURNS trigger AS $$
BEGIN
    PERFORM ruru_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER lease6_ains AFTER INSERT ON lease6 FOR EACH ROW EXECUTE PROCEDURE func_lease6_ains();
CREATE TRIGGER lease6_aupd AFTER UPDATE ON lease6 FOR EACH ROW EXECUTE PROCEDURE func_lease6_aupd();
CREATE TRIGGER lease6_adel AFTER DELETE ON lease6 FOR EACH ROW EXECUTE PROCEDURE func_lease6_adel();

-- What kea-admin lease-dump reads: memfile's CSV header and rows.
CREATE FUNCTION colonSeparatedHex(hex TEXT) RETURNS TEXT AS $$
    SELECT lower(CASE WHEN length(hex) = 0 THEN '' ELSE
        array_to_string(ARRAY(SELECT substr(h, i, 2)
            FROM (SELECT CASE WHEN length(hex) % 2 = 1 THEN '0' || hex ELSE hex END AS h) x,
                 generate_series(1, length(h), 2) AS i), ':') END);
$$ LANGUAGE sql IMMUTABLE;

CREATE FUNCTION lease4DumpHeader() RETURNS TEXT AS $$
    SELECT CAST('address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context' AS TEXT);
$$ LANGUAGE sql;
CREATE FUNCTION lease4DumpData() RETURNS TABLE (address INET, hwaddr VARCHAR, client_id VARCHAR,
        valid_lifetime BIGINT, expire BIGINT, subnet_id BIGINT, fqdn_fwd INT, fqdn_rev INT, hostname VARCHAR,
        state INT8, user_context VARCHAR) AS $$
    SELECT '0.0.0.0'::inet + l.address, colonSeparatedHex(encode(l.hwaddr, 'hex')),
        colonSeparatedHex(encode(l.client_id, 'hex')), l.valid_lifetime, extract(epoch FROM l.expire)::BIGINT,
        l.subnet_id, l.fqdn_fwd::INT, l.fqdn_rev::INT, replace(l.hostname, ',', '&#x2c'), l.state,
        replace(l.user_context, ',', '&#x2c')
    FROM lease4 l ORDER BY l.address;
$$ LANGUAGE sql;

CREATE FUNCTION lease6DumpHeader() RETURNS TEXT AS $$
    SELECT CAST('address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source' AS TEXT);
$$ LANGUAGE sql;
CREATE FUNCTION lease6DumpData() RETURNS TABLE (address VARCHAR, duid VARCHAR, valid_lifetime BIGINT,
        expire BIGINT, subnet_id BIGINT, pref_lifetime BIGINT, lease_type SMALLINT, iaid INT, prefix_len SMALLINT,
        fqdn_fwd INT, fqdn_rev INT, hostname VARCHAR, hwaddr VARCHAR, state INT8, user_context VARCHAR,
        hwtype SMALLINT, hwaddr_source SMALLINT) AS $$
    SELECT l.address::VARCHAR, colonSeparatedHex(encode(l.duid, 'hex')), l.valid_lifetime,
        extract(epoch FROM l.expire)::BIGINT, l.subnet_id, l.pref_lifetime, l.lease_type, l.iaid, l.prefix_len,
        l.fqdn_fwd::INT, l.fqdn_rev::INT, replace(l.hostname, ',', '&#x2c'), colonSeparatedHex(encode(l.hwaddr, 'hex')),
        l.state, replace(l.user_context, ',', '&#x2c'), l.hwtype, l.hwaddr_source
    FROM lease6 l ORDER BY l.address;
$$ LANGUAGE sql;

INSERT INTO schema_version VALUES (13, 0);
