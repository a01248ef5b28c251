-- AlterTable
ALTER TABLE "staff_user" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "sign_in_limit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_limit_pkey" PRIMARY KEY ("key")
);

-- A new password, role or active flag ends every session issued before it, whichever code path
-- (service, script, SQL console) made the change.
CREATE FUNCTION "bump_staff_session_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."password_hash" IS DISTINCT FROM OLD."password_hash"
     OR NEW."role" IS DISTINCT FROM OLD."role"
     OR NEW."is_active" IS DISTINCT FROM OLD."is_active" THEN
    NEW."session_version" := GREATEST(NEW."session_version", OLD."session_version" + 1);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "staff_user_session_version" BEFORE UPDATE ON "staff_user"
  FOR EACH ROW EXECUTE FUNCTION "bump_staff_session_version"();
