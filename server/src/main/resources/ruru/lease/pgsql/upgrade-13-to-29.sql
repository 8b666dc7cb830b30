-- ruru's upgrade of its lease schema from Kea 2.2's shape (13.0) to Kea 3.0's (29.0): the lease
-- columns Kea 3.0 added (relay and remote ids for lease query, pool ids), lease6 addresses as inet,
-- the released and registered states, per-pool statistics kept by the triggers, and the dump
-- functions with pool_id. Runs in one transaction (`ruru admin db-upgrade pgsql`).

INSERT INTO lease_state VALUES (3, 'released'), (4, 'registered') ON CONFLICT DO NOTHING;

ALTER TABLE lease4 ADD COLUMN relay_id BYTEA DEFAULT NULL;
ALTER TABLE lease4 ADD COLUMN remote_id BYTEA DEFAULT NULL;
ALTER TABLE lease4 ADD COLUMN pool_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX lease4_by_relay_id ON lease4 (relay_id);
CREATE INDEX lease4_by_remote_id ON lease4 (remote_id);

ALTER TABLE lease6 ALTER COLUMN address TYPE INET USING address::INET;
ALTER TABLE lease6 ADD COLUMN pool_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX lease6_by_subnet_id_address ON lease6 (subnet_id, address);

CREATE TABLE lease6_relay_id (
    extended_info_id SERIAL PRIMARY KEY NOT NULL,
    relay_id BYTEA NOT NULL,
    lease_addr INET NOT NULL,
    CONSTRAINT fk_lease6_relay_id_lease_addr FOREIGN KEY (lease_addr) REFERENCES lease6 (address) ON DELETE CASCADE
);
CREATE INDEX lease6_relay_id_by_id ON lease6_relay_id (relay_id, lease_addr ASC);
CREATE INDEX lease6_relay_id_by_address ON lease6_relay_id (lease_addr);
CREATE TABLE lease6_remote_id (
    extended_info_id SERIAL PRIMARY KEY NOT NULL,
    remote_id BYTEA NOT NULL,
    lease_addr INET NOT NULL,
    CONSTRAINT fk_lease6_remote_id_lease_addr FOREIGN KEY (lease_addr) REFERENCES lease6 (address) ON DELETE CASCADE
);
CREATE INDEX lease6_remote_id_by_id ON lease6_remote_id (remote_id, lease_addr ASC);
CREATE INDEX lease6_remote_id_by_address ON lease6_remote_id (lease_addr);

CREATE TABLE lease4_pool_stat (
    subnet_id BIGINT NOT NULL,
    pool_id BIGINT NOT NULL,
    state INT8 NOT NULL,
    leases BIGINT,
    PRIMARY KEY (subnet_id, pool_id, state)
);
CREATE TABLE lease6_pool_stat (
    subnet_id BIGINT NOT NULL,
    pool_id BIGINT NOT NULL,
    lease_type SMALLINT NOT NULL,
    state INT8 NOT NULL,
    leases BIGINT,
    PRIMARY KEY (subnet_id, pool_id, lease_type, state)
);
INSERT INTO lease4_pool_stat (subnet_id, pool_id, state, leases)
    SELECT subnet_id, pool_id, state, count(*) FROM lease4 WHERE state IN (0, 1) GROUP BY subnet_id, pool_id, state;
INSERT INTO lease6_pool_stat (subnet_id, pool_id, lease_type, state, leases)
    SELECT subnet_id, pool_id, lease_type, state, count(*) FROM lease6 WHERE state IN (0, 1)
    GROUP BY subnet_id, pool_id, lease_type, state;

CREATE FUNCTION ruru_lease4_pool_stat_add(p_subnet BIGINT, p_pool BIGINT, p_state INT8, p_delta INT) RETURNS VOID AS $$
BEGIN
    IF p_state NOT IN (0, 1) THEN
        RETURN;
    END IF;
    IF p_delta > 0 THEN
        INSERT INTO lease4_pool_stat (subnet_id, pool_id, state, leases) VALUES (p_subnet, p_pool, p_state, 1)
            ON CONFLICT (subnet_id, pool_id, state) DO UPDATE SET leases = lease4_pool_stat.leases + 1;
    ELSE
        UPDATE lease4_pool_stat SET leases = GREATEST(leases - 1, 0)
            WHERE subnet_id = p_subnet AND pool_id = p_pool AND state = p_state;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION ruru_lease6_pool_stat_add(p_subnet BIGINT, p_pool BIGINT, p_type SMALLINT, p_state INT8, p_delta INT)
        RETURNS VOID AS $$
BEGIN
    IF p_state NOT IN (0, 1) THEN
        RETURN;
    END IF;
    IF p_delta > 0 THEN
        INSERT INTO lease6_pool_stat (subnet_id, pool_id, lease_type, state, leases)
            VALUES (p_subnet, p_pool, p_type, p_state, 1)
            ON CONFLICT (subnet_id, pool_id, lease_type, state) DO UPDATE SET leases = lease6_pool_stat.leases + 1;
    ELSE
        UPDATE lease6_pool_stat SET leases = GREATEST(leases - 1, 0)
            WHERE subnet_id = p_subnet AND pool_id = p_pool AND lease_type = p_type AND state = p_state;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION func_lease4_ains() RETURNS trigger AS $$
BEGIN
    PERFORM ruru_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
    PERFORM ruru_lease4_pool_stat_add(NEW.subnet_id, NEW.pool_id, NEW.state, 1);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION func_lease4_aupd() RETURNS trigger AS $$
BEGIN
    IF OLD.subnet_id != NEW.subnet_id OR OLD.pool_id != NEW.pool_id OR OLD.state != NEW.state THEN
        PERFORM ruru_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
        PERFORM ruru_lease4_stat_add(NEW.subnet_id, NEW.state, 1);
        PERFORM ruru_lease4_pool_stat_add(OLD.subnet_id, OLD.pool_id, OLD.state, -1);
        PERFORM ruru_lease4_pool_stat_add(NEW.subnet_id, NEW.pool_id, NEW.state, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION func_lease4_adel() RETURNS trigger AS $$
BEGIN
    PERFORM ruru_lease4_stat_add(OLD.subnet_id, OLD.state, -1);
    PERFORM ruru_lease4_pool_stat_add(OLD.subnet_id, OLD.pool_id, OLD.state, -1);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION func_lease6_ains() RETURNS trigger AS $$
BEGIN
    PERFORM ruru_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
    PERFORM ruru_lease6_pool_stat_add(NEW.subnet_id, NEW.pool_id, NEW.lease_type, NEW.state, 1);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION func_lease6_aupd() RETURNS trigger AS $$
BEGIN
    IF OLD.subnet_id != NEW.subnet_id OR OLD.pool_id != NEW.pool_id OR OLD.lease_type != NEW.lease_type
            OR OLD.state != NEW.state THEN
        PERFORM ruru_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
        PERFORM ruru_lease6_stat_add(NEW.subnet_id, NEW.lease_type, NEW.state, 1);
        PERFORM ruru_lease6_pool_stat_add(OLD.subnet_id, OLD.pool_id, OLD.lease_type, OLD.state, -1);
        PERFORM ruru_lease6_pool_stat_add(NEW.subnet_id, NEW.pool_id, NEW.lease_type, NEW.state, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION func_lease6_adel() RETURNS trigger AS $$
BEGIN
    PERFORM ruru_lease6_stat_add(OLD.subnet_id, OLD.lease_type, OLD.state, -1);
    PERFORM ruru_lease6_pool_stat_add(OLD.subnet_id, OLD.pool_id, OLD.lease_type, OLD.state, -1);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP FUNCTION lease4DumpData();
DROP FUNCTION lease6DumpData();
CREATE OR REPLACE FUNCTION lease4DumpHeader() RETURNS TEXT AS $$
    SELECT CAST('address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id' AS TEXT);
$$ LANGUAGE sql;
CREATE FUNCTION lease4DumpData() RETURNS TABLE (address INET, hwaddr VARCHAR, client_id VARCHAR,
        valid_lifetime BIGINT, expire BIGINT, subnet_id BIGINT, fqdn_fwd INT, fqdn_rev INT, hostname VARCHAR,
        state INT8, user_context VARCHAR, pool_id BIGINT) AS $$
    SELECT '0.0.0.0'::inet + l.address, colonSeparatedHex(encode(l.hwaddr, 'hex')),
        colonSeparatedHex(encode(l.client_id, 'hex')), l.valid_lifetime, extract(epoch FROM l.expire)::BIGINT,
        l.subnet_id, l.fqdn_fwd::INT, l.fqdn_rev::INT, replace(l.hostname, ',', '&#x2c'), l.state,
        replace(l.user_context, ',', '&#x2c'), l.pool_id
    FROM lease4 l ORDER BY l.address;
$$ LANGUAGE sql;
CREATE OR REPLACE FUNCTION lease6DumpHeader() RETURNS TEXT AS $$
    SELECT CAST('address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source,pool_id' AS TEXT);
$$ LANGUAGE sql;
CREATE FUNCTION lease6DumpData() RETURNS TABLE (address VARCHAR, duid VARCHAR, valid_lifetime BIGINT,
        expire BIGINT, subnet_id BIGINT, pref_lifetime BIGINT, lease_type SMALLINT, iaid INT, prefix_len SMALLINT,
        fqdn_fwd INT, fqdn_rev INT, hostname VARCHAR, hwaddr VARCHAR, state INT8, user_context VARCHAR,
        hwtype SMALLINT, hwaddr_source SMALLINT, pool_id BIGINT) AS $$
    SELECT host(l.address)::VARCHAR, colonSeparatedHex(encode(l.duid, 'hex')), l.valid_lifetime,
        extract(epoch FROM l.expire)::BIGINT, l.subnet_id, l.pref_lifetime, l.lease_type, l.iaid, l.prefix_len,
        l.fqdn_fwd::INT, l.fqdn_rev::INT, replace(l.hostname, ',', '&#x2c'), colonSeparatedHex(encode(l.hwaddr, 'hex')),
        l.state, replace(l.user_context, ',', '&#x2c'), l.hwtype, l.hwaddr_source, l.pool_id
    FROM lease6 l ORDER BY l.address;
$$ LANGUAGE sql;

UPDATE schema_version SET version = 29, minor = 0;
