export {
  insertEvaluation,
  linkEvaluationRecommendation,
  listEvaluationRecommendations,
  listEvaluations,
  readEvaluation,
  recommendationIdOf,
  saveManagementResponse,
  updateEvaluation,
  type StoredEvaluation,
  type StoredEvaluationRecommendation,
} from './store.ts';
