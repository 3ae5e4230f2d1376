/**
 * Vitest global setup for the integration and end-to-end tiers: checks once that RabbitMQ and a
 * MongoDB-compatible server answer, and fails fast with what to do when they don't — instead of
 * forty tests timing out one by one.
 */
import amqplib from 'amqplib';
import { MongoClient } from 'mongodb';
import { AMQP_URL, MONGO_URL } from '@saga/runtime/testing';

export default async function requireServices(): Promise<void> {
  const problems: string[] = [];
  try {
    const connection = await amqplib.connect(AMQP_URL, { timeout: 5000 });
    await connection.close();
  } catch (error) {
    problems.push(`RabbitMQ is not reachable at AMQP_URL=${redact(AMQP_URL)} (${(error as Error).message}). Start it (rabbitmq-server -detached, or docker compose up -d rabbitmq).`);
  }
  const mongo = new MongoClient(MONGO_URL, { serverSelectionTimeoutMS: 5000, retryWrites: false });
  try {
    await mongo.db('admin').command({ ping: 1 });
  } catch (error) {
    problems.push(`MongoDB is not reachable at MONGO_URL=${redact(MONGO_URL)} (${(error as Error).message}). Start FerretDB (bash scripts/start-ferretdb.sh) or MongoDB (docker compose up -d mongo).`);
  } finally {
    await mongo.close();
  }
  if (problems.length > 0) throw new Error(`The integration and end-to-end tests need real services:\n- ${problems.join('\n- ')}`);
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
